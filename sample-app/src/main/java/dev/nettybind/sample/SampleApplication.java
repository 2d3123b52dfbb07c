package dev.nettybind.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small notes service whose HTTP servers are all declared in {@code application.yml}:
 * a dual-stack public API, a loopback-only admin server on an ephemeral port, a partner
 * listener with mutual TLS and client-certificate authentication, an ops server for the
 * Actuator, and two workers sharing one socket. One WebFlux application serves the
 * first four: {@code @OnServer} says what belongs where.
 *
 * @author Netty Bind Starter contributors
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
