/** File helpers: atomic writes and checksums. */
package dev.nn.core.io;
