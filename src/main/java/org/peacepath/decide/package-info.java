/** Deciding: a negotiation state in, the steps it unlocks, the steps still blocked and why, out. */
package org.peacepath.decide;
