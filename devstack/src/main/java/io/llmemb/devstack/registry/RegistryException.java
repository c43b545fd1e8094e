package io.llmemb.devstack.registry;

/**
 * A registry failure carrying the HTTP status and the Confluent error code the REST layer answers
 * with ({@code {"error_code": N, "message": "..."}}); the codes are Confluent Schema Registry's.
 */
public class RegistryException extends RuntimeException {

  /** Confluent: subject not found. */
  public static final int SUBJECT_NOT_FOUND = 40401;

  /** Confluent: version not found. */
  public static final int VERSION_NOT_FOUND = 40402;

  /** Confluent: schema not found. */
  public static final int SCHEMA_NOT_FOUND = 40403;

  /** Confluent: subject was soft-deleted (a second soft delete). */
  public static final int SUBJECT_SOFT_DELETED = 40404;

  /** Confluent: a permanent delete of a subject that was not soft-deleted first. */
  public static final int SUBJECT_NOT_SOFT_DELETED = 40405;

  /** Confluent: version was soft-deleted (a second soft delete). */
  public static final int VERSION_SOFT_DELETED = 40406;

  /** Confluent: a permanent delete of a version that was not soft-deleted first. */
  public static final int VERSION_NOT_SOFT_DELETED = 40407;

  /** Confluent: subject has no subject-level compatibility configured. */
  public static final int SUBJECT_CONFIG_NOT_FOUND = 40408;

  /** Confluent: subject has no subject-level mode configured. */
  public static final int SUBJECT_MODE_NOT_FOUND = 40409;

  /** Confluent: incompatible schema (HTTP 409). */
  public static final int INCOMPATIBLE_SCHEMA = 409;

  /** Confluent: invalid schema. */
  public static final int INVALID_SCHEMA = 42201;

  /** Confluent: invalid version. */
  public static final int INVALID_VERSION = 42202;

  /** Confluent: invalid compatibility level. */
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

  /** Confluent: invalid mode. */
  public static final int INVALID_MODE = 42204;

  /** Confluent: error in the backend data store. */
  public static final int STORE_ERROR = 50001;

  private final int httpStatus;
  private final int errorCode;

  /** Creates an error answered with {@code httpStatus} and Confluent code {@code errorCode}. */
  public RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** Creates an error without a cause. */
  public RegistryException(int httpStatus, int errorCode, String message) {
    this(httpStatus, errorCode, message, null);
  }

  /** HTTP status of the response. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent error code of the response body. */
  public int errorCode() {
    return errorCode;
  }

  static RegistryException subjectNotFound(String subject) {
    return new RegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  // The texts below are Confluent's own (no space after the first period included), so clients that
  // match on
  // them behave the same.
  static RegistryException subjectSoftDeleted(String subject) {
    return new RegistryException(
        404,
        SUBJECT_SOFT_DELETED,
        "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
  }

  static RegistryException subjectNotSoftDeleted(String subject) {
    return new RegistryException(
        404,
        SUBJECT_NOT_SOFT_DELETED,
        "Subject '" + subject + "' was not deleted first before being permanently deleted");
  }

  static RegistryException versionSoftDeleted(String subject, int version) {
    return new RegistryException(
        404,
        VERSION_SOFT_DELETED,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was soft deleted.Set permanent=true to delete permanently");
  }

  static RegistryException versionNotSoftDeleted(String subject, int version) {
    return new RegistryException(
        404,
        VERSION_NOT_SOFT_DELETED,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was not deleted first before being permanently deleted");
  }

  static RegistryException versionNotFound(String subject, String version) {
    return new RegistryException(
        404, VERSION_NOT_FOUND, "Version " + version + " not found for subject '" + subject + "'.");
  }

  static RegistryException schemaNotFound(String what) {
    return new RegistryException(404, SCHEMA_NOT_FOUND, "Schema " + what + " not found");
  }

  static RegistryException invalidSchema(String detail, Throwable cause) {
    return new RegistryException(422, INVALID_SCHEMA, "Invalid schema: " + detail, cause);
  }

  static RegistryException invalidVersion(String version) {
    return new RegistryException(
        422,
        INVALID_VERSION,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between "
            + "[1, 2^31-1] and the string \"latest\"");
  }

  static RegistryException badRequest(String message, Throwable cause) {
    return new RegistryException(400, 400, message, cause);
  }

  static RegistryException storeError(String message, Throwable cause) {
    return new RegistryException(
        500, STORE_ERROR, "Error in the backend data store: " + message, cause);
  }
}
