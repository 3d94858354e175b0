/** Loading and compiling rule sets: the catalog, the DRL files, and the problems an editor can make in them. */
package org.peacepath.rules;
