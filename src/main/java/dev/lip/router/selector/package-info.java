/**
 * The selector grammar shared by the request {@code model}, {@code --default-backend}, static routes,
 * model aliases and {@code !/route}: a single target {@code [backend:]model[?param=value&…]}, a failover
 * list {@code a|b|c} or a weighted pick {@code [weight=3]a^[weight=1]b}, with an optional
 * {@code [max_context=N]} per target (see {@link dev.lip.router.selector.SelectorParser}), and the regex
 * {@link dev.lip.router.selector.ModelAliases} applied before it.
 */
package dev.lip.router.selector;
