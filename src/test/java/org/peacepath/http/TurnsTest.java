package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peacepath.Bundled;

/** Decisions and comparisons may take turns at the cores; the rest of the server answers beside them. */
class TurnsTest {
  private static final String STATE = read("examples/state.json");

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Holds one of {@code turns}' turns until {@code release} counts down; returns once it is held. */
  private static CompletableFuture<Boolean> hold(Turns turns, CountDownLatch release) throws InterruptedException {
    return hold(turns, false, release);
  }

  /**
   * Holds one of {@code turns}' turns, sending its answer if {@code sending}, until {@code release} counts
   * down; returns once it is held. The holder ends saying whether its turn was given back early.
   */
  private static CompletableFuture<Boolean> hold(Turns turns, boolean sending, CountDownLatch release)
      throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> {
      try {
        return turns.take(turn -> {
          if (sending) {
            turn.sending();
          }
          held.countDown();
          assertTrue(release.await(30, TimeUnit.SECONDS));
          return turn.givenBack();
        });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, runnable -> new Thread(runnable).start());
    assertTrue(held.await(10, TimeUnit.SECONDS), "the turn was not taken");
    return holder;
  }

  /** Asks {@code turns} for a turn on a thread of its own, and in it answers {@code result}. */
  private static CompletableFuture<String> ask(Turns turns, String result) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return turns.take(turn -> result);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, runnable -> new Thread(runnable).start());
  }

  private static void awaitWaiting(Turns turns, int count) throws InterruptedException {
    for (int i = 0; i < 1000 && turns.waiting() < count; i++) {
      Thread.sleep(10);
    }
    assertEquals(count, turns.waiting(), "waiting for a turn");
  }

  @Test
  void work_beyond_the_turns_waits_until_a_turn_is_given_back() throws Exception {
    Turns turns = new Turns(2);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Boolean> first = hold(turns, release);
    CompletableFuture<Boolean> second = hold(turns, release);
    List<String> done = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> third = ask(turns, "third").thenAccept(done::add);
    awaitWaiting(turns, 1);
    assertEquals(List.of(), done, "the third ran while both turns were held");
    release.countDown();
    third.get(10, TimeUnit.SECONDS);
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    assertEquals(List.of("third"), done);
    assertEquals(0, turns.waiting());
  }

  @Test
  void those_waiting_get_their_turns_in_the_order_they_came() throws Exception {
    Turns turns = new Turns(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Boolean> holder = hold(turns, release);
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> waiting = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      waiting.add(CompletableFuture.runAsync(() -> {
        try {
          turns.take(turn -> order.add(n));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, runnable -> new Thread(runnable).start()));
      awaitWaiting(turns, i + 1); // the next asks only once this one waits
    }
    release.countDown();
    holder.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<Void> each : waiting) {
      each.get(10, TimeUnit.SECONDS);
    }
    assertEquals(List.of(0, 1, 2, 3, 4), order);
  }

  @Test
  void a_turn_whose_answer_stalls_in_sending_is_given_back_and_only_once() throws Exception {
    Turns turns = new Turns(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Boolean> stalled = hold(turns, true, release);
    // A client that reads none of its answers: the next decision gets the turn all the same.
    assertEquals("next", ask(turns, "next").get(10, TimeUnit.SECONDS));
    release.countDown();
    assertTrue(stalled.get(10, TimeUnit.SECONDS), "the stalled turn was not given back");
    // Given back by the watch, and not again by its holder: there is still one turn, not two.
    CountDownLatch second = new CountDownLatch(1);
    CompletableFuture<Boolean> holder = hold(turns, false, second);
    CompletableFuture<String> waiter = ask(turns, "after");
    awaitWaiting(turns, 1);
    second.countDown();
    assertFalse(holder.get(10, TimeUnit.SECONDS), "a turn whose work did not send was given back early");
    assertEquals("after", waiter.get(10, TimeUnit.SECONDS));
  }

  @Test
  void a_turn_whose_work_is_long_is_kept_until_the_work_ends() throws Exception {
    Turns turns = new Turns(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Boolean> holder = hold(turns, false, release);
    CompletableFuture<String> waiter = ask(turns, "after");
    awaitWaiting(turns, 1);
    Thread.sleep(4 * Turns.SENDING_NANOS / 1_000_000L); // four times what a stalled send is given
    assertFalse(waiter.isDone(), "the turn was given back while its decision was being worked out");
    release.countDown();
    assertFalse(holder.get(10, TimeUnit.SECONDS));
    assertEquals("after", waiter.get(10, TimeUnit.SECONDS));
  }

  @Test
  void by_default_there_are_no_turns() throws Exception {
    String set = System.clearProperty("peacepath.turns");
    try {
      Turns turns = Turns.configured();
      int cores = Runtime.getRuntime().availableProcessors();
      CountDownLatch release = new CountDownLatch(1);
      List<CompletableFuture<Boolean>> holders = new java.util.ArrayList<>();
      for (int i = 0; i < cores; i++) {
        holders.add(hold(turns, false, release));
      }
      try {
        // With a turn a core, this one would wait for a holder to end; with none it is worked out at once.
        CompletableFuture<String> beside = ask(turns, "beside");
        assertEquals("beside", beside.get(10, TimeUnit.SECONDS));
        assertEquals(0, turns.waiting());
      } finally {
        release.countDown();
      }
      for (CompletableFuture<Boolean> holder : holders) {
        holder.get(10, TimeUnit.SECONDS);
      }
    } finally {
      if (set != null) {
        System.setProperty("peacepath.turns", set);
      }
    }
  }

  @Test
  void a_turn_whose_work_fails_is_given_back_and_the_failure_passed_on() throws Exception {
    Turns turns = new Turns(1);
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> turns.take(turn -> { throw new IllegalArgumentException("the record is not one"); }));
    assertEquals("the record is not one", thrown.getMessage());
    assertEquals("after", turns.take(turn -> "after"), "the turn of the failed work was not given back");
    assertThrows(IllegalArgumentException.class, () -> new Turns(-1));
  }

  @Test
  void without_turns_work_is_done_at_once_however_much_runs_beside_it() throws Exception {
    Turns none = new Turns(0);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Boolean> first = hold(none, release);
    CompletableFuture<Boolean> second = hold(none, release); // would not return were there one turn
    assertEquals("third", none.take(turn -> "third"));
    assertEquals(0, none.waiting());
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
  }

  @Test
  void a_decision_waits_for_its_turn_while_health_and_plans_are_answered() throws Exception {
    Turns turns = new Turns(1);
    try (Api api = new Api(Bundled.ruleSets(), turns)) {
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Boolean> holder = hold(turns, release);
      CompletableFuture<Api.Reply> decision = CompletableFuture.supplyAsync(() -> api.post("/v1/evaluate", STATE));
      CompletableFuture<Api.Reply> comparison = CompletableFuture.supplyAsync(
          () -> api.post("/v1/compare", STATE.replace("\"ruleset\": \"sigal\",", "")));
      awaitWaiting(turns, 2);
      assertEquals(200, api.get("/health").status(), "health waited for a turn");
      Api.Reply plan = api.post("/v1/plan", "{\"completed\": [], \"goal\": \"peace-declaration\"}");
      assertEquals(200, plan.status(), plan.text());
      assertFalse(decision.isDone(), "the decision was answered while the only turn was held");
      assertFalse(comparison.isDone(), "the comparison was answered while the only turn was held");
      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
      Api.Reply decided = decision.get(30, TimeUnit.SECONDS);
      assertEquals(200, decided.status(), decided.text());
      assertTrue(decided.json().has("unlocked"), decided.text());
      Api.Reply compared = comparison.get(30, TimeUnit.SECONDS);
      assertEquals(200, compared.status(), compared.text());
      assertEquals(0, turns.waiting());
    }
  }

  /** The decisions the server has answered, as {@code /metrics} counts them. */
  private static double decisionsAnswered(Api api) {
    return api.get("/metrics").text().lines()
        .filter(line -> line.startsWith("peacepath_answers_total{") && line.contains("kind=\"decision\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void a_client_that_reads_none_of_its_answers_holds_up_nobody_else() throws Exception {
    Turns turns = new Turns(1);
    try (Api api = new Api(Bundled.ruleSets(), turns); java.net.Socket greedy = new java.net.Socket()) {
      // It sends decision after decision on one connection and never reads: once the connection's buffers
      // are full, the server's write of an answer waits, within the one turn, for a reader that never comes.
      greedy.setReceiveBufferSize(4096);
      greedy.connect(new java.net.InetSocketAddress("127.0.0.1", api.uri("/").getPort()));
      byte[] body = STATE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] request = ("POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1:" + api.uri("/").getPort()
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n" + STATE)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      Thread sender = new Thread(() -> {
        try {
          java.io.OutputStream out = greedy.getOutputStream();
          while (true) {
            out.write(request);
          }
        } catch (java.io.IOException e) {
          // closed at the end of the test
        }
      });
      sender.setDaemon(true);
      sender.start();
      // Until its answers stop: the server is then stuck writing to it.
      double before = -1;
      double now = decisionsAnswered(api);
      for (int i = 0; i < 60 && now != before; i++) {
        Thread.sleep(500);
        before = now;
        now = decisionsAnswered(api);
      }
      assertTrue(now > 0 && now == before, "the greedy client's answers did not stop: " + now);
      CompletableFuture<Api.Reply> other = CompletableFuture.supplyAsync(() -> api.post("/v1/evaluate", STATE));
      // Without the turn given back, this waits for the connection's idle timeout (30 s).
      Api.Reply answered = other.get(10, TimeUnit.SECONDS);
      assertEquals(200, answered.status(), answered.text());
    }
  }

  @Test
  void a_bad_request_waiting_for_its_turn_is_answered_with_its_error_and_gives_the_turn_back() throws Exception {
    Turns turns = new Turns(1);
    try (Api api = new Api(Bundled.ruleSets(), turns)) {
      Api.Reply bad = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"no-such-step\"}]}");
      assertEquals(400, bad.status(), bad.text());
      assertFalse(bad.text().contains("Exception"), bad.text());
      Api.Reply good = api.post("/v1/evaluate", STATE);
      assertEquals(200, good.status(), "the turn of the bad request was not given back: " + good.text());
    }
  }
}
