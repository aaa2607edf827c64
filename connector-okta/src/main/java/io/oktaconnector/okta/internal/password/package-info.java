/** Password reset: reading {@code PasswordResetSettings} and generating passwords. Internal: not an API. */
package io.oktaconnector.okta.internal.password;
