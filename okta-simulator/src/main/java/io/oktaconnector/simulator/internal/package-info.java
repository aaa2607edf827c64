/**
 * Implementation of the simulator: the HTTP/1.1 server, the org store and its generator, the
 * endpoint handlers, paging, the rate limiter and the fault engine. Not an API: may change at any time.
 */
package io.oktaconnector.simulator.internal;
