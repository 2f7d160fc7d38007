package dev.lip.model;

/** Author of a {@link Message}. Tool results travel in {@link #TOOL} messages. */
public enum Role {
  SYSTEM, USER, ASSISTANT, TOOL
}
