/**
 * Per-backend resilience building blocks, each an interface with a thread-safe local implementation that
 * every event-loop instance of a backend in this process shares:
 * <ul>
 *   <li>{@link dev.lip.backend.resilience.KeyPool}: which provider key a request uses (round-robin or by
 *       session), and which keys are cooling down after a 429 or disabled after a 401/402/403;</li>
 *   <li>{@link dev.lip.backend.resilience.RateLimiter}: requests/minute, tokens/minute and concurrency
 *       limits;</li>
 *   <li>{@link dev.lip.backend.resilience.CircuitBreaker}: stops calling a backend after consecutive
 *       failures and lets one probe through after a pause.</li>
 * </ul>
 * Time comes from an injected clock of epoch milliseconds, so tests control it and a shared (cluster)
 * implementation can keep absolute deadlines.
 */
package dev.lip.backend.resilience;
