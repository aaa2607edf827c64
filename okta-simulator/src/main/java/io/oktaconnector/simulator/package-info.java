/**
 * A wire-compatible, in-memory Okta org on loopback, for tests, demos and benchmarks.
 *
 * <p>Start one with {@link io.oktaconnector.simulator.OktaSimulator#builder()}; point an Okta client at
 * {@link io.oktaconnector.simulator.OktaSimulator#baseUrl()} with the SSWS token
 * {@link io.oktaconnector.simulator.OktaSimulator#token()}; assert on the ground truth
 * ({@link io.oktaconnector.simulator.SimOrg}), the {@link io.oktaconnector.simulator.RequestLog} and the
 * {@link io.oktaconnector.simulator.Counters}; inject failures with {@link io.oktaconnector.simulator.FaultRule}s.
 * Everything in this package is thread-safe unless stated otherwise.
 *
 * <h2>OAuth 2.0 service apps</h2>
 * Register clients with
 * {@link io.oktaconnector.simulator.OktaSimulator.Builder#oauthClient(String, java.security.PublicKey, java.util.Set)};
 * they get access tokens from {@link io.oktaconnector.simulator.OktaSimulator#tokenUrl()} by the
 * client-credentials grant with a {@code private_key_jwt} client assertion, as from Okta's org authorization
 * server, and call the API with {@code Authorization: Bearer <token>}. The SSWS token keeps working.
 * <ul>
 *   <li>Token endpoint ({@code POST /oauth2/v1/token}, form-encoded): the assertion is verified with JDK
 *       crypto (RS256/RS384/RS512, ES256/ES384/ES512 against the registered key; {@code iss} = {@code sub}
 *       = client id; {@code aud} = the token URL, string or array; {@code exp} in the future and at most one
 *       hour ahead, {@code iat} not in the future, 60 s of skew; a {@code jti} is single use until its
 *       {@code exp}, spent even when the request then fails, as Okta does). Failures answer as Okta's
 *       authorization server: 401 {@code invalid_client}; 400 {@code invalid_scope} (scope missing, unknown,
 *       or not granted), {@code invalid_request}, {@code unsupported_grant_type},
 *       {@code unauthorized_client}; with {@code Cache-Control: no-store}. Success:
 *       {@code {"token_type":"Bearer","expires_in":3600,"access_token":"<opaque>","scope":"<requested>"}}.</li>
 *   <li>API: an unknown, expired (on the simulator's clock) or revoked token is 401 E0000011 "Invalid token
 *       provided". Each endpoint needs the scope Okta's OpenAPI description names for its operation
 *       ({@code okta.users|groups|apps.read} for GET, {@code .manage} otherwise, {@code okta.schemas.read}
 *       for the schemas; {@code manage} includes {@code read}); without it: 403 E0000006 "You do not have
 *       permission to perform the requested action" with Okta's
 *       {@code WWW-Authenticate: Bearer authorization_uri="…", realm="…", scope="…", error="insufficient_scope",
 *       error_description="…", resource="…"}.</li>
 *   <li>DPoP ({@link io.oktaconnector.simulator.OktaSimulator.Builder#requireDPoP(boolean)}): supported on both
 *       sides, including the handshake okta-sdk-java 24 performs (400 {@code invalid_dpop_proof} "The DPoP
 *       proof JWT header is missing.", then 400 {@code use_dpop_nonce} with a {@code DPoP-Nonce} header, then
 *       a {@code DPoP} token); API calls need {@code Authorization: DPoP <token>} and a proof signed by the
 *       bound key with {@code htm}, {@code htu} (compared percent-decoded, as Okta does), a fresh {@code iat}
 *       and {@code jti}, and {@code ath}; a bad proof is 400 with
 *       {@code WWW-Authenticate: DPoP algs="…", …, error="invalid_dpop_proof", error_description="…"} and no
 *       body (Okta's body for it is undocumented).</li>
 *   <li>Token requests count against their own bucket,
 *       {@link io.oktaconnector.simulator.RateLimitBucket#ORG_AUTHORIZATION_SERVER}, never the management
 *       buckets; they appear in the request log with the assertion redacted and the client id recorded.</li>
 * </ul>
 */
package io.oktaconnector.simulator;
