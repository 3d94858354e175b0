/** Planning: the shortest sequence of steps from a state to a goal, found by asking the rules, never by copying them. */
package org.peacepath.plan;
