package org.peacepath.http;

/** A route: its method, path, and what it does. */
public record Route(String method, String path, String summary) {
  @Override
  public String toString() {
    return method + " " + path;
  }

  /** Whether a request's path is this route's: a {@code {name}} part stands for any one part. */
  public boolean matches(String requested) {
    String[] want = path.split("/", -1);
    String[] got = requested.split("/", -1);
    if (want.length != got.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      if (!(want[i].startsWith("{") ? !got[i].isEmpty() : want[i].equals(got[i]))) {
        return false;
      }
    }
    return true;
  }
}
