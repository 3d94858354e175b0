/** The step catalog: the steps of the peace process, their parties, and the file policy staff edit. */
package org.peacepath.catalog;
