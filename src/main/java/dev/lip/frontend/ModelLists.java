package dev.lip.frontend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.bus.ModelCatalog;
import dev.lip.protocol.Json;
import java.time.Instant;
import java.util.List;

/** The model catalog in each client dialect's list shape; every id is a routable selector. */
final class ModelLists {
  private ModelLists() {
  }

  /** OpenAI: {@code {"object":"list","data":[{"id","object":"model","created","owned_by"}]}}. */
  static ObjectNode openAi(List<ModelCatalog.Entry> entries, long createdEpochSeconds) {
    ObjectNode list = Json.MAPPER.createObjectNode().put("object", "list");
    ArrayNode data = list.putArray("data");
    for (ModelCatalog.Entry entry : entries) {
      data.addObject().put("id", entry.selector()).put("object", "model").put("created", createdEpochSeconds)
          .put("owned_by", entry.backend());
    }
    return list;
  }

  /**
   * Anthropic: {@code {"data":[{"id","type":"model","display_name","created_at","lifecycle"}],"has_more",
   * "first_id","last_id"}}.
   */
  static ObjectNode anthropic(List<ModelCatalog.Entry> entries, long createdEpochSeconds) {
    ObjectNode list = Json.MAPPER.createObjectNode();
    ArrayNode data = list.putArray("data");
    String createdAt = Instant.ofEpochSecond(createdEpochSeconds).toString();
    for (ModelCatalog.Entry entry : entries) {
      data.addObject().put("id", entry.selector()).put("type", "model")
          .put("display_name", entry.model() + " (" + entry.backend() + ")").put("created_at", createdAt)
          .put("lifecycle", "active");
    }
    list.put("has_more", false);
    if (entries.isEmpty()) {
      list.putNull("first_id").putNull("last_id");
    } else {
      list.put("first_id", entries.get(0).selector()).put("last_id", entries.get(entries.size() - 1).selector());
    }
    return list;
  }

  /** Gemini: {@code {"models":[{"name":"models/<id>","displayName","supportedGenerationMethods",…}]}}. */
  static ObjectNode gemini(List<ModelCatalog.Entry> entries) {
    ObjectNode list = Json.MAPPER.createObjectNode();
    ArrayNode models = list.putArray("models");
    for (ModelCatalog.Entry entry : entries) {
      ObjectNode model = models.addObject().put("name", "models/" + entry.selector())
          .put("displayName", entry.model() + " (" + entry.backend() + ")")
          .put("description", "model " + entry.model() + " of backend " + entry.backend());
      model.putArray("supportedGenerationMethods").add("generateContent").add("streamGenerateContent");
    }
    return list;
  }
}
