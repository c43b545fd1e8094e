package io.llmemb.serving.api;

import io.llmemb.schemas.InputLimits;
import io.llmemb.serving.model.LiveModel;
import io.llmemb.serving.model.ModelHolder;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;
import java.util.Optional;

/**
 * REST over the serving state: {@code GET /users/{id}/recommendations} (interactive query, routed
 * to the owning instance) and {@code GET /items/{id}/similar?k=} (the current model's item space).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecommendationsController {

  /** Default and upper bound of {@code k} for similar items. */
  static final int DEFAULT_K = 10;

  static final int MAX_K = 1_000;

  private final UserRecommendations users;
  private final ModelHolder holder;

  RecommendationsController(UserRecommendations users, ModelHolder holder) {
    this.users = users;
    this.holder = holder;
  }

  /** The last recommendations emitted for {@code id}. */
  @Get(uri = "/users/{id}/recommendations", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> recommendations(
      @PathVariable String id,
      @Nullable @Header(UserRecommendations.FORWARDED_HEADER) String forwarded) {
    Optional<String> bad = InputLimits.checkId("user id", id);
    if (bad.isPresent()) {
      return HttpResponse.badRequest(Map.of("error", bad.get()));
    }
    UserRecommendations.Answer answer = users.find(id, forwarded != null);
    if (answer instanceof UserRecommendations.Answer.Local local) {
      return HttpResponse.ok(local.view());
    }
    if (answer instanceof UserRecommendations.Answer.Forwarded f) {
      return HttpResponse.status(HttpStatus.valueOf(f.status()))
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(f.body());
    }
    if (answer instanceof UserRecommendations.Answer.Unavailable u) {
      return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", u.reason()));
    }
    return HttpResponse.notFound(Map.of("error", "no recommendations for user " + id + " yet"));
  }

  /** The {@code k} items closest to {@code id} in the current model's item space. */
  @Get(uri = "/items/{id}/similar", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> similar(@PathVariable String id, @Nullable @QueryValue Integer k) {
    Optional<String> bad = InputLimits.checkId("item id", id);
    if (bad.isPresent()) {
      return HttpResponse.badRequest(Map.of("error", bad.get()));
    }
    int want = k == null ? DEFAULT_K : k;
    if (want < 1 || want > MAX_K) {
      return HttpResponse.badRequest(Map.of("error", "k must be in 1.." + MAX_K + ", was " + want));
    }
    Optional<LiveModel> live = holder.current();
    if (live.isEmpty()) {
      return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(Map.of("error", "no model loaded yet"));
    }
    return live.get()
        .index()
        .similar(id, want)
        .<HttpResponse<?>>map(
            items ->
                HttpResponse.ok(
                    new SimilarItemsView(
                        id,
                        live.get().releaseVersion(),
                        items.stream().map(s -> new ItemScore(s.itemId(), s.score())).toList())))
        .orElseGet(
            () ->
                HttpResponse.notFound(
                    Map.of(
                        "error",
                        "item "
                            + id
                            + " is not in the index of model "
                            + live.get().releaseVersion())));
  }
}
