/** Server-sent events: a line-level parser shared by every dialect's stream decoder. */
package dev.lip.protocol.sse;
