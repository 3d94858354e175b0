package org.peacepath.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a schema validator does not see in an OpenAPI document: a key left without a value, a
 * description that is not text, a word in a schema that is no schema keyword. A YAML flow mapping
 * cuts a plain description at its comma ({@code {type: string, description: Why, as a sentence.}}
 * becomes {@code "description": "Why", "as a sentence.": null}), and the document still validates.
 */
final class DocumentShape {
  private DocumentShape() {}

  /** Keys whose value is a map from names the author chose to the things named. */
  private static final Set<String> NAMED = Set.of("paths", "schemas", "responses", "parameters", "requestBodies",
      "headers", "securitySchemes", "links", "callbacks", "pathItems", "content", "encoding", "variables",
      "properties", "patternProperties", "dependentSchemas", "$defs", "mapping");
  /** Keys whose value is data, where a null may be meant. */
  private static final Set<String> DATA = Set.of("example", "examples", "default", "const", "enum");
  /** Keys whose value must be text. */
  private static final Set<String> TEXT = Set.of("description", "summary", "title");
  /** JSON Schema 2020-12 (core, applicator, validation, annotation, format, content) and OpenAPI 3.1's own. */
  private static final Set<String> SCHEMA_KEYWORDS = Set.of("$schema", "$id", "$ref", "$anchor", "$dynamicRef",
      "$dynamicAnchor", "$vocabulary", "$comment", "$defs", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
      "dependentSchemas", "prefixItems", "items", "contains", "properties", "patternProperties",
      "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "type", "enum", "const",
      "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
      "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties",
      "minProperties", "required", "dependentRequired", "title", "description", "default", "deprecated",
      "readOnly", "writeOnly", "examples", "format", "contentEncoding", "contentMediaType", "contentSchema",
      "discriminator", "xml", "externalDocs", "example");
  /** Schema keywords whose value is one schema, or a list of schemas. */
  private static final Set<String> SUBSCHEMA = Set.of("not", "if", "then", "else", "items", "contains",
      "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema",
      "allOf", "anyOf", "oneOf", "prefixItems");
  /** Schema keywords whose value maps names to schemas. */
  private static final Set<String> SUBSCHEMAS = Set.of("properties", "patternProperties", "dependentSchemas", "$defs");

  /** Each fault in the document, as its JSON pointer and what is wrong there; empty when there is none. */
  static List<String> problems(JsonNode document) {
    List<String> problems = new ArrayList<>();
    walk(document, "#", false, problems);
    document.path("components").path("schemas").fields()
        .forEachRemaining(named -> schema(named.getValue(), "#/components/schemas/" + named.getKey(), problems));
    schemasIn(document, "#", problems);
    return problems;
  }

  /** Every key with a value, and every description, summary and title text. */
  private static void walk(JsonNode node, String at, boolean namesHere, List<String> problems) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), at + "/" + i, false, problems);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      String here = at + "/" + escape(key);
      if (value.isNull() && (namesHere || !DATA.contains(key))) {
        problems.add(here + " has no value");
      } else if (!namesHere && TEXT.contains(key) && !value.isTextual()) {
        problems.add(here + " is not text");
      } else if (namesHere || !DATA.contains(key)) {
        walk(value, here, !namesHere && NAMED.contains(key), problems);
      }
    }
  }

  /** Every schema the document holds outside components/schemas: under a "schema" key. */
  private static void schemasIn(JsonNode node, String at, List<String> problems) {
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
      String here = at + "/" + escape(field.getKey());
      if (field.getKey().equals("schema") && field.getValue().isObject()) {
        schema(field.getValue(), here, problems);
      } else if (field.getValue().isContainerNode() && !field.getKey().equals("components")) {
        if (field.getValue().isArray()) {
          for (int i = 0; i < field.getValue().size(); i++) {
            schemasIn(field.getValue().get(i), here + "/" + i, problems);
          }
        } else {
          schemasIn(field.getValue(), here, problems);
        }
      }
    }
    if (at.equals("#")) {
      node.path("components").fields().forEachRemaining(kind -> {
        if (!kind.getKey().equals("schemas")) {
          schemasIn(kind.getValue(), "#/components/" + escape(kind.getKey()), problems);
        }
      });
    }
  }

  /** A schema whose every key is a schema keyword (or an extension), and so are its subschemas'. */
  private static void schema(JsonNode schema, String at, List<String> problems) {
    if (!schema.isObject()) {
      return; // true, false, or a fault the validator reports
    }
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) schema::fields) {
      String key = field.getKey();
      String here = at + "/" + escape(key);
      if (!SCHEMA_KEYWORDS.contains(key) && !key.startsWith("x-")) {
        problems.add(here + " is not a schema keyword");
      } else if (SUBSCHEMAS.contains(key)) {
        field.getValue().fields().forEachRemaining(named ->
            schema(named.getValue(), here + "/" + escape(named.getKey()), problems));
      } else if (SUBSCHEMA.contains(key) && field.getValue().isArray()) {
        for (int i = 0; i < field.getValue().size(); i++) {
          schema(field.getValue().get(i), here + "/" + i, problems);
        }
      } else if (SUBSCHEMA.contains(key)) {
        schema(field.getValue(), here, problems);
      }
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
