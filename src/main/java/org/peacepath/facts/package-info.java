/**
 * The facts the rules match and the findings they insert, kept small so that a DRL file reads plainly:
 * {@link org.peacepath.facts.Open}, {@link org.peacepath.facts.Done} and {@link org.peacepath.facts.Tally}
 * describe the record; {@link org.peacepath.facts.Blocked}, {@link org.peacepath.facts.Caution} and
 * {@link org.peacepath.facts.Advisory} are what firm rules and advice decide.
 */
package org.peacepath.facts;
