package dev.syncengine.core.model;

/**
 * What a target field accepts, whatever the target calls its type. A sink adapter gives each {@link
 * TargetField} its kind; the mapping converts values by kind.
 */
public enum TargetKind {
  /** Plain text. */
  TEXT,
  /** HTML. */
  RICH_TEXT,
  /** A number. */
  NUMBER,
  /** True or false. */
  BOOLEAN,
  /** An ISO 8601 instant. */
  DATE_TIME,
  /** The id of one of the field's options. */
  OPTION,
  /** The id of an item of another collection. */
  REFERENCE,
  /** Ids of items of another collection. */
  MULTI_REFERENCE,
  /** An image {@code {url, alt?}}. */
  IMAGE,
  /** Several images. */
  MULTI_IMAGE,
  /** A file {@code {url, alt?}}. */
  FILE,
  /** A web address. */
  LINK,
  /** An email address. */
  EMAIL,
  /** A phone number. */
  PHONE,
  /** A color. */
  COLOR,
  /** The web address of a video. */
  VIDEO_LINK,
  /** A field a mapping cannot write. */
  UNSUPPORTED
}
