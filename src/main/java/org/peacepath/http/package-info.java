/** The HTTP API: the route table, request bodies in, decisions and errors out. The only package that knows Javalin. */
package org.peacepath.http;
