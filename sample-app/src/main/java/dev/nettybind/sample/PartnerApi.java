package dev.nettybind.sample;

import java.security.cert.X509Certificate;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.nettybind.web.OnServer;

/**
 * The routes of the {@code partner} server, a TLS listener that asks clients for a
 * certificate. {@link OnServer @OnServer} serves them there only.
 * <ul>
 * <li>{@code GET /}: greets the client by the subject of the certificate it presented,
 * which the server verified against the trusted certificates of the certificate
 * database; "anonymous" when it presented none;</li>
 * <li>{@code GET /orders}: only for a partner known by its certificate
 * ({@link PartnerSecurity}).</li>
 * </ul>
 *
 * @author Netty Bind Starter contributors
 */
@Configuration(proxyBeanMethods = false)
public class PartnerApi {

	@Bean
	@OnServer("partner")
	RouterFunction<ServerResponse> partnerRoutes() {
		return RouterFunctions.route()
			.GET("/", (request) -> text("Hello, " + subject(request) + "!\n"))
			.GET("/orders",
					(request) -> request.principal()
						.flatMap((partner) -> text("No orders yet for " + partner.getName() + ".\n")))
			.build();
	}

	private static String subject(ServerRequest request) {
		SslInfo tls = request.exchange().getRequest().getSslInfo();
		X509Certificate[] chain = (tls != null) ? tls.getPeerCertificates() : null;
		return (chain == null || chain.length == 0) ? "anonymous" : chain[0].getSubjectX500Principal().getName();
	}

	private static Mono<ServerResponse> text(String body) {
		return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(body);
	}

}
