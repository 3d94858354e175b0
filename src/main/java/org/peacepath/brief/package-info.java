/** Briefing: a decision and a plan in sentences, as plain text for the command line or Markdown for the page. */
package org.peacepath.brief;
