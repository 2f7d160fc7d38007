/**
 * Configuration: {@link dev.lip.config.ConfigLoader} merges built-in defaults, the YAML file, the
 * environment and the command line ({@link dev.lip.config.CliOptions}), in rising precedence, checks the
 * result and yields an immutable {@link dev.lip.config.ProxyConfig}; an invalid configuration is a
 * {@link dev.lip.config.ConfigException} naming file, line, key and reason. {@link dev.lip.config.Secrets}
 * keeps keys out of anything a person may read.
 */
package dev.lip.config;
