/** Running peacepath for real: the decision log and the metrics an operator watches. Knows nothing of HTTP. */
package org.peacepath.ops;
