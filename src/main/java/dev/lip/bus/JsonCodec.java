package dev.lip.bus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Codec for one immutable record type: the same instance on the local path, length-prefixed JSON on
 * the cluster path.
 */
final class JsonCodec<T> implements MessageCodec<T, T> {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final String name;
  private final ObjectWriter writer;
  private final ObjectReader reader;

  JsonCodec(Class<T> type) {
    this.name = "lip:" + type.getName();
    this.writer = MAPPER.writerFor(type);
    this.reader = MAPPER.readerFor(type);
  }

  @Override
  public void encodeToWire(Buffer buffer, T body) {
    try {
      byte[] bytes = writer.writeValueAsBytes(body);
      buffer.appendInt(bytes.length).appendBytes(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    try {
      return reader.readValue(buffer.getBytes(pos + 4, pos + 4 + length));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public T transform(T body) {
    return body;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
