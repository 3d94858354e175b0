/** The policy editor's check: does every rule set compile, name real steps, pass its scenarios, reach every step, and stop firing. */
package org.peacepath.check;
