/** Scenarios: states with the decisions policy staff expect of them, kept beside the rules and run against them. */
package org.peacepath.scenario;
