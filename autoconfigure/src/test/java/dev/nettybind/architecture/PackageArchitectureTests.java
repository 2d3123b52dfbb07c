package dev.nettybind.architecture;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package graph of the starter has no cycle, each package depends only on the
 * packages below it, and only the types listed here are public.
 */
class PackageArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.nettybind");

	/**
	 * What users touch: the binder, the servers, their options, events and
	 * annotations, the errors they catch, the read-only views, the properties, and the
	 * auto-configurations they exclude.
	 */
	private static final Set<String> API = Set.of("dev.nettybind.server.ServerBinder",
			"dev.nettybind.server.BoundServer", "dev.nettybind.server.BoundServer$State",
			"dev.nettybind.server.BindOptions", "dev.nettybind.server.BindOptions$Limits",
			"dev.nettybind.server.BindOptions$Compression",
			"dev.nettybind.server.BindOptions$Forwarded", "dev.nettybind.server.BindOptions$AccessLog",
			"dev.nettybind.server.BindOptions$AccessLog$Format", "dev.nettybind.server.BindServerCustomizer",
			"dev.nettybind.server.ServerBoundEvent", "dev.nettybind.server.LocalBoundPort",
			"dev.nettybind.server.AtLeast", "dev.nettybind.server.AtLeast$DataSizeValidator",
			"dev.nettybind.server.AtLeast$DurationValidator", "dev.nettybind.tls.ClientCertificates",
			"dev.nettybind.tls.ClientCertificateMode", "dev.nettybind.shared.Distribution",
			"dev.nettybind.shared.BoundSocket", "dev.nettybind.shared.SharedBindingRegistry",
			"dev.nettybind.connection.TrafficCounts", "dev.nettybind.address.BindAddressResolver",
			"dev.nettybind.address.BindAddressResolver$HostLookup", "dev.nettybind.diagnostics.ServerSetupException",
			"dev.nettybind.diagnostics.OptionNames", "dev.nettybind.address.UnresolvableAddressException",
			"dev.nettybind.shared.AddressInUseException", "dev.nettybind.shared.SharedBindingConflictException",
			"dev.nettybind.config.HandlerNotFoundException", "dev.nettybind.config.BindProperties",
			"dev.nettybind.config.BindProperties$Server", "dev.nettybind.config.BindProperties$EventLoop", "dev.nettybind.config.BindProperties$Handover",
			"dev.nettybind.config.BindProperties$Shutdown", "dev.nettybind.tls.CertificateDatabaseProperties",
			"dev.nettybind.tls.CertificateDatabaseProperties$TrustStore", "dev.nettybind.tls.CertificateDatabase",
			"dev.nettybind.config.BindServersAutoConfiguration",
			"dev.nettybind.actuate.BindServersActuatorAutoConfiguration",
			"dev.nettybind.actuate.BindServersMetricsAutoConfiguration", "dev.nettybind.actuate.ServersEndpoint",
			"dev.nettybind.actuate.ServerDescriptor", "dev.nettybind.actuate.ServerDescriptor$Backlog",
			"dev.nettybind.actuate.ServerDescriptor$Shared", "dev.nettybind.actuate.ServerDescriptor$Certificate",
			"dev.nettybind.actuate.ServerDescriptor$Connections", "dev.nettybind.actuate.ServersEndpoint$Servers",
			"dev.nettybind.web.OnServer", "dev.nettybind.web.BoundServerExchange",
			"dev.nettybind.web.BoundServerRequestPredicates", "dev.nettybind.web.BoundServerExchangeMatchers");

	/**
	 * Public only because a package below the one that uses them holds them: not API,
	 * and documented so on the type.
	 */
	private static final Set<String> BETWEEN_PACKAGES = Set.of("dev.nettybind.connection.SocketMember",
			"dev.nettybind.connection.RequestPolicy", "dev.nettybind.connection.TrafficCounter",
			"dev.nettybind.shared.ListeningSocket", "dev.nettybind.shared.SocketRequest",
			"dev.nettybind.shared.SharedBindingRegistry$SocketOpener",
			"dev.nettybind.shared.SharedBindingRegistry$SocketOpener$Opened", "dev.nettybind.tls.ServerTls",
			"dev.nettybind.tls.CertificateDatabaseConfiguration", "dev.nettybind.diagnostics.Suggestions", "dev.nettybind.connection.LogSafe",
			"dev.nettybind.web.BoundServerHttpHandlerAdapter");

	@Test
	void packagesHaveNoCycle() {
		slices().matching("dev.nettybind.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void configurationIsTheTopAndDiagnosticsTheBottom() {
		noClasses().that()
			.resideOutsideOfPackage("dev.nettybind.config..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.nettybind.config..")
			.check(CLASSES);
		for (String lower : List.of("diagnostics", "connection", "address")) {
			noClasses().that()
				.resideInAPackage("dev.nettybind." + lower + "..")
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage("dev.nettybind.server..", "dev.nettybind.shared..", "dev.nettybind.tls..",
						"dev.nettybind.actuate..")
				.check(CLASSES);
		}
	}

	@Test
	void sharingKnowsNothingOfServersOrTls() {
		noClasses().that()
			.resideInAPackage("dev.nettybind.shared..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.nettybind.server..", "dev.nettybind.tls..", "dev.nettybind.actuate..")
			.check(CLASSES);
	}

	/**
	 * A public type nested in a type that is not is no more visible than its enclosing
	 * type.
	 */
	private static boolean isVisibleOutsideItsPackage(JavaClass type) {
		for (JavaClass current = type; current != null; current = current.getEnclosingClass().orElse(null)) {
			if (!current.getModifiers().contains(JavaModifier.PUBLIC)) {
				return false;
			}
		}
		return true;
	}

	@Test
	void onlyTheListedTypesArePublic() {
		List<String> publicTypes = CLASSES.stream()
			.filter(PackageArchitectureTests::isVisibleOutsideItsPackage)
			.filter((type) -> !type.getSimpleName().equals("package-info"))
			.map(JavaClass::getName)
			.sorted()
			.toList();
		assertThat(publicTypes).allMatch((name) -> API.contains(name) || BETWEEN_PACKAGES.contains(name),
				"is listed in API or BETWEEN_PACKAGES");
	}

}
