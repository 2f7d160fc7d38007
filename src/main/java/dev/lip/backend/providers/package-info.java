/**
 * Provider types: {@link dev.lip.backend.providers.Providers} maps a configured type to its
 * {@link dev.lip.backend.Provider}: HTTP providers speaking a wire dialect, and the in-process mock.
 */
package dev.lip.backend.providers;
