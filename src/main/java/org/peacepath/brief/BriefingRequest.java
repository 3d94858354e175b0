package org.peacepath.brief;

import org.peacepath.decide.EvaluateRequest;
import org.peacepath.plan.PlanRequest;

/**
 * What {@code POST /v1/briefing} asks: the record to brief on (its packages listed) and, when a goal is
 * named, the road to it.
 *
 * @param evaluate the record, under its rule set
 * @param plan the goal and advice mode for the same record; {@code null} when no goal is named
 */
public record BriefingRequest(EvaluateRequest evaluate, PlanRequest plan) {}
