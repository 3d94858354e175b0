/** The command line: {@code serve}, {@code evaluate}, and the tools policy staff run on their rules. */
package org.peacepath.cli;
