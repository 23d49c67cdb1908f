/**
 * @file log.h
 * @brief Console logging for drivers: one line, "LABEL: message".
 *
 * Every function prints one whole line on the kernel console (in a single
 * write, so lines of different processes do not interleave), prefixed by
 * the service's label (sef_label(); "service" before RS gave one) and
 * ended by a newline (added when the message does not end with one). The
 * three levels print the same way; they say in the source how serious the
 * message is. printf() works too, without the label.
 */
#ifndef LOG_H
#define LOG_H

/** @brief The longest line printed, label and newline included; longer
 *         messages are cut. */
#define LOG_LINE_MAX 256

/**
 * @brief Print an informational line: "LABEL: message".
 * @param fmt a printf() format
 * @param ... its arguments
 */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * @brief Print a warning (something unexpected the driver copes with):
 *        "LABEL: message".
 * @param fmt a printf() format
 * @param ... its arguments
 */
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * @brief Print an error (an operation failed): "LABEL: message".
 * @param fmt a printf() format
 * @param ... its arguments
 */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
