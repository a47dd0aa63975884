/**
 * Stage 3: the two network designs (separate branches per channel, fused multi-channel image),
 * built with DJL from shared blocks.
 */
package org.triax.model;
