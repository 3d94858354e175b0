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

/** Decisions and comparisons take turns at the cores; the rest of the server answers beside them. */
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
  private static CompletableFuture<Void> hold(Turns turns, CountDownLatch release) throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
      try {
        turns.take(() -> {
          held.countDown();
          return release.await(30, TimeUnit.SECONDS);
        });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(held.await(10, TimeUnit.SECONDS), "the turn was not taken");
    return holder;
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
    CompletableFuture<Void> first = hold(turns, release);
    CompletableFuture<Void> second = hold(turns, release);
    List<String> done = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
      try {
        done.add(turns.take(() -> "third"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
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
  void turns_are_given_in_the_order_they_were_asked_for() throws Exception {
    Turns turns = new Turns(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder = hold(turns, release);
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> waiting = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      waiting.add(CompletableFuture.runAsync(() -> {
        try {
          turns.take(() -> order.add(n));
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
  void a_turn_whose_work_fails_is_given_back_and_the_failure_passed_on() throws Exception {
    Turns turns = new Turns(1);
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> turns.take(() -> { throw new IllegalArgumentException("the record is not one"); }));
    assertEquals("the record is not one", thrown.getMessage());
    assertEquals("after", turns.take(() -> "after"), "the turn of the failed work was not given back");
    assertThrows(IllegalArgumentException.class, () -> new Turns(-1));
  }

  @Test
  void without_turns_work_is_done_at_once_however_much_runs_beside_it() throws Exception {
    Turns none = new Turns(0);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> first = hold(none, release);
    CompletableFuture<Void> second = hold(none, release); // would not return were there one turn
    assertEquals("third", none.take(() -> "third"));
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
      CompletableFuture<Void> holder = hold(turns, release);
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
