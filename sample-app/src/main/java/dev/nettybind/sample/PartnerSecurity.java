package dev.nettybind.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;

import dev.nettybind.web.BoundServerExchangeMatchers;

/**
 * Spring Security on the {@code partner} server only: a client is authenticated by the
 * certificate it presented in the TLS handshake (its CN names the partner), and
 * {@code /orders} is for authenticated partners. The chain matches the exchanges that
 * {@code partner} serves, so the public API and the admin server are untouched by it.
 *
 * @author Netty Bind Starter contributors
 */
@Configuration(proxyBeanMethods = false)
public class PartnerSecurity {

	@Bean
	SecurityWebFilterChain partnerChain(ServerHttpSecurity http) {
		return http.securityMatcher(BoundServerExchangeMatchers.servedBy("partner"))
			.x509((x509) -> {
			})
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/orders/**")
				.hasRole("PARTNER")
				.anyExchange()
				.permitAll())
			// No password can help a client without a certificate: 403, with no challenge.
			.exceptionHandling((handling) -> handling
				.authenticationEntryPoint(new HttpStatusServerEntryPoint(HttpStatus.FORBIDDEN)))
			// Partners are programs, not browsers: there is no session for a forged form to ride.
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.build();
	}

	/**
	 * The partners known by the CN of their certificate.
	 * @return the partners
	 */
	@Bean
	MapReactiveUserDetailsService partners() {
		return new MapReactiveUserDetailsService(
				User.withUsername("demo-partner").password("{noop}unused").roles("PARTNER").build());
	}

}
