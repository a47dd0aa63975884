/** Stage 7: the command line, one thin picocli class per verb; no logic beyond parsing and printing. */
package org.triax.cli;
