/**
 * In-chat commands (SPEC §3): {@link dev.lip.router.commands.CommandParser} finds the commands that end
 * the last non-blank line of a text, and {@link dev.lip.router.commands.ConversationCommands} applies it
 * to a conversation: it takes the commands of the latest user message to run them, and strips earlier
 * command text (with the proxy's own replies to it) so that it never reaches a model.
 *
 * <p>Pure code: no Vert.x, no I/O, no state beyond the set of known command names.
 */
package dev.lip.router.commands;
