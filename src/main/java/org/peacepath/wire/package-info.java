/**
 * The wire format: JSON in and out, and requests read from it into typed records, every mistake named
 * by its field. http/ and cli/ use it at the edge; nothing below them sees JSON.
 */
package org.peacepath.wire;
