/**
 * The selector grammar shared by the request {@code model}, {@code --default-backend} and later static
 * routes, aliases and {@code !/route}. Today: one leaf, {@code [backend:]model[?param=value&…]}.
 */
package dev.lip.router.selector;
