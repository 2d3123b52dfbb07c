package dev.nettybind.sample;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.stereotype.Component;

import dev.nettybind.tls.ClientCertificates;

/**
 * The handler of the {@code partner} server: greets the client by the subject of the
 * certificate it presented, which the server has verified against the trusted
 * certificates of the certificate database; "anonymous" when it presented none.
 *
 * @author Netty Bind Starter contributors
 */
@Component("partnerGreeting")
public class PartnerGreeting implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		List<X509Certificate> chain = ClientCertificates.of(request);
		String who = chain.isEmpty() ? "anonymous" : chain.get(0).getSubjectX500Principal().getName();
		return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
			.sendString(Mono.just("Hello, " + who + "!\n"));
	}

}
