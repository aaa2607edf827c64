/**
 * Implementation of the simulator: the HTTP/1.1 server, the org store and its generator, the
 * endpoint handlers, paging, the rate limiter, the fault engine, and the OAuth authorization server
 * ({@code OAuthServer}, {@code Jwt}, {@code Scopes}). Not an API: may change at any time.
 *
 * <p>Fidelity notes on OAuth, where Okta's behaviour is not fully documented:
 * <ul>
 *   <li>{@code error_description}s marked "Okta's wording" in {@code OAuthServer} are quoted from Okta's
 *       answers as reported in its support articles and issue trackers; the others are the simulator's own
 *       text, with the error code and status RFC 6749/7523/9449 prescribe.</li>
 *   <li>The {@code WWW-Authenticate} challenge is sent only where Okta is known to send one: with 403
 *       {@code insufficient_scope} and with 400 {@code invalid_dpop_proof} on the API. A 401 E0000011 carries
 *       none. For a DPoP-bound token the 403 challenge uses the DPoP scheme (inferred from the 400 one).</li>
 *   <li>A DPoP-bound token sent as {@code Bearer}, or a bearer token sent as {@code DPoP}, is 401 E0000011
 *       (Okta's answer to these is not documented).</li>
 *   <li>The assertion's {@code aud} and a proof's {@code htu} may name the simulator's origin or the origin
 *       the client addressed (its {@code Host} header), as Okta accepts its own and a custom domain.</li>
 *   <li>Rate limits: all credentials (the SSWS token and every OAuth client) share one window per bucket at
 *       the per-token share; Okta keeps one per token or app.</li>
 * </ul>
 */
package io.oktaconnector.simulator.internal;
