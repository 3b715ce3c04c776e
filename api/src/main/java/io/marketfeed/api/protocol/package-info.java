/**
 * The declared facts of a provider's wire protocol, and the small pure functions that encode requests
 * and decode frames. The runtime reads the facts and drives the functions; providers never do I/O here.
 */
package io.marketfeed.api.protocol;
