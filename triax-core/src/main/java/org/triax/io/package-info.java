/**
 * The one way triax writes a file: whole or not at all, never over an existing file, under a name
 * reserved so that concurrent runs cannot collide. Every stage that writes output uses it.
 */
package org.triax.io;
