/** Reading and checking the {@code Connections} section of {@code appsettings.agent.json}. */
package io.oktaconnector.okta.internal.settings;
