package dev.lip.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed, validating access to request members, shared by every dialect's request decoder. Each reader
 * takes the parent path and the member name;
 * the full path (e.g. {@code messages[1].content}) is only built for the error message.
 * Absent members and JSON {@code null} read as {@code null}.
 */
public final class Params {
  private Params() {
  }

  public static String path(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  public static String path(String parent, int index) {
    return parent + "[" + index + "]";
  }

  public static InvalidRequestException missing(String path) {
    return new InvalidRequestException("Missing required parameter: '" + path + "'.", path);
  }

  public static InvalidRequestException invalidType(String path, String expected, JsonNode actual) {
    return new InvalidRequestException("Invalid type for '" + path + "': expected " + expected
        + ", but got " + describe(actual) + " instead.", path);
  }

  public static InvalidRequestException invalidValue(String path, String detail) {
    return new InvalidRequestException("Invalid value for '" + path + "': " + detail, path);
  }

  public static String string(JsonNode obj, String parent, String name) {
    JsonNode v = Json.get(obj, name);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw invalidType(path(parent, name), "a string", v);
    }
    return v.textValue();
  }

  public static String requiredString(JsonNode obj, String parent, String name) {
    String s = string(obj, parent, name);
    if (s == null) {
      throw missing(path(parent, name));
    }
    return s;
  }

  public static Double number(JsonNode obj, String parent, String name) {
    JsonNode v = Json.get(obj, name);
    if (v == null) {
      return null;
    }
    if (!v.isNumber()) {
      throw invalidType(path(parent, name), "a number", v);
    }
    return v.doubleValue();
  }

  public static Integer integer(JsonNode obj, String parent, String name) {
    JsonNode v = Json.get(obj, name);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw invalidType(path(parent, name), "an integer", v);
    }
    return v.intValue();
  }

  public static Long longInteger(JsonNode obj, String parent, String name) {
    JsonNode v = Json.get(obj, name);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw invalidType(path(parent, name), "an integer", v);
    }
    return v.longValue();
  }

  public static Boolean bool(JsonNode obj, String parent, String name) {
    JsonNode v = Json.get(obj, name);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      throw invalidType(path(parent, name), "a boolean", v);
    }
    return v.booleanValue();
  }

  public static JsonNode array(JsonNode obj, String parent, String name) {
    JsonNode v = Json.get(obj, name);
    if (v != null && !v.isArray()) {
      throw invalidType(path(parent, name), "an array", v);
    }
    return v;
  }

  /** A top-level request array that must be present and non-empty (the conversation). */
  public static JsonNode nonEmptyArray(JsonNode body, String name) {
    JsonNode v = array(body, "", name);
    if (v == null) {
      throw missing(name);
    }
    if (v.isEmpty()) {
      throw invalidValue(name, "expected a non-empty array.");
    }
    return v;
  }

  /** The request body itself, which must be a JSON object. */
  public static JsonNode body(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException("The request body must be a JSON object.", null);
    }
    return body;
  }

  public static JsonNode object(JsonNode obj, String parent, String name) {
    JsonNode v = Json.get(obj, name);
    if (v != null && !v.isObject()) {
      throw invalidType(path(parent, name), "an object", v);
    }
    return v;
  }

  public static JsonNode requiredObject(JsonNode obj, String parent, String name) {
    JsonNode v = object(obj, parent, name);
    if (v == null) {
      throw missing(path(parent, name));
    }
    return v;
  }

  /** Requires {@code element} (at {@code path}) to be an object. */
  public static JsonNode asObject(JsonNode element, String path) {
    if (!element.isObject()) {
      throw invalidType(path, "an object", element);
    }
    return element;
  }

  private static String describe(JsonNode v) {
    switch (v.getNodeType()) {
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      case NULL:
        return "null";
      default:
        return "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
