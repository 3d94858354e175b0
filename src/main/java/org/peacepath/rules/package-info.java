/**
 * Rule sets, and the one seam to Drools: reading, checking (the rule language) and compiling the rule
 * files, firing them over a record's facts, and reloading them; no Drools type leaves this package.
 */
package org.peacepath.rules;
