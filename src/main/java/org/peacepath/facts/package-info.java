/**
 * The facts the rules match and the findings they insert, kept small so that a DRL file reads plainly:
 * {@link org.peacepath.facts.Done} and {@link org.peacepath.facts.Open} classify the state,
 * {@link org.peacepath.facts.Blocked} and {@link org.peacepath.facts.Advisory} are what rules decide.
 */
package org.peacepath.facts;
