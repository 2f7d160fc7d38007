/**
 * LLM Interactive Proxy: one endpoint for every LLM client, many providers behind it.
 *
 * <p>{@link dev.lip.Main} reads the command line and configuration and starts Vert.x;
 * {@link dev.lip.Gateway} deploys the verticles in dependency order: backends
 * ({@code backend}), routers ({@code router}), then frontends ({@code frontend}), which talk only over
 * the event bus ({@code bus}) in the canonical model ({@code model}); each wire dialect lives once in
 * {@code protocol}.
 */
package dev.lip;
