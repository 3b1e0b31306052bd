"""Conan 2 recipe for tabula, a header-only C++20 ORM.

The package is the headers (include/tabula) and the licence; nothing is compiled.

How consumers find it: CMakeDeps generates tabula-config.cmake from package_info() below, with
the same targets as tabula's own installed config (tabula::tabula for the core, tabula::sqlite,
tabula::postgres, tabula::mysql per backend). The package does not ship tabula's own
tabulaConfig.cmake. Chosen because:
  - it works with CMakeDeps alone: the generated config sits in the generators folder with those
    of Boost, nlohmann_json and the client libraries, so `cmake -DCMAKE_PREFIX_PATH=<generators>`
    (or CMakeToolchain, which sets that) finds all of them. The previous recipe set
    cmake_find_mode "none" and relied on CMakeToolchain adding the package's builddirs to
    CMAKE_PREFIX_PATH, which a CMakeDeps-only consumer does not have;
  - the dependencies are the ones Conan resolved (CMakeDeps' Boost::headers, SQLite::SQLite3, ...),
    never a copy found on the system by our config's find_dependency() calls;
  - Conan Center does not accept packages that ship their own CMake config files.
The cost: a backend's client library comes from the recipe options (with_postgresql, with_mysql),
not from what the consumer's machine has installed, and CMakeDeps does not check
find_package(tabula COMPONENTS ...): a missing backend shows as an unknown target tabula::<name>.

Use scripts/conan-check (needs conan 2 on PATH) to run `conan create .` and build a consumer with
CMakeDeps alone and one with CMakeDeps + CMakeToolchain.
"""

import os

from conan import ConanFile
from conan.errors import ConanInvalidConfiguration
from conan.tools.build import check_min_cppstd
from conan.tools.files import copy, save
from conan.tools.layout import basic_layout
from conan.tools.scm import Version

required_conan_version = ">=2.0"

# Included by the config CMakeDeps generates (cmake_build_modules), after it defined the targets.
# CMakeDeps has no property for compile features, and a consumer without CMakeToolchain gets no
# -std from the profile, so without this a C++17 consumer would fail deep inside the headers.
_BUILD_MODULE = "lib/cmake/conan-tabula-cxx-standard.cmake"
_BUILD_MODULE_TEXT = """\
# tabula's headers need C++20: the usage requirement tabula::tabula carries in tabula's own config.
if(TARGET tabula::tabula)
  set_property(TARGET tabula::tabula APPEND PROPERTY INTERFACE_COMPILE_FEATURES cxx_std_20)
endif()
"""


class TabulaConan(ConanFile):
    name = "tabula"
    # Keep in step with project(tabula VERSION ...) in CMakeLists.txt; scripts/check-package
    # compares the two.
    version = "0.1.0"
    description = "Header-only C++20 ORM: compile-time reflection of plain structs into SQL"
    license = "BSL-1.0"
    url = "https://github.com/conan-io/conan-center-index"
    # No `homepage`: the project has no public address yet (none in README.md or CMakeLists.txt).
    # Set it here, in project(HOMEPAGE_URL) and in the README together once there is one; Conan
    # Center requires it.
    topics = ("orm", "sql", "sqlite", "postgresql", "mysql", "reflection", "header-only")

    # header-library: Conan gives the requirements below transitive_headers/transitive_libs (our
    # headers include them) and package_id() makes one package for every configuration.
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    options = {
        "with_postgresql": [True, False],
        "with_mysql": [True, False],
    }
    default_options = {
        "with_postgresql": False,
        "with_mysql": False,
        # tabula includes only Boost.Hana's headers (and only from <tabula/reflect/hana.hpp>):
        # building Boost's compiled libraries for it would be wasted. A consumer that needs them
        # for itself can still set boost/*:header_only=False.
        "boost/*:header_only": True,
    }
    no_copy_source = True

    # What the headers were tested with; older compilers lack parts of C++20 that tabula uses
    # (consteval, class types as template arguments, requires-expressions in if constexpr).
    _minimum_compilers = {"gcc": "12", "clang": "16"}

    def export_sources(self):
        copy(self, "LICENSE", self.recipe_folder, self.export_sources_folder)
        copy(self, "*.hpp", os.path.join(self.recipe_folder, "include"),
             os.path.join(self.export_sources_folder, "include"))

    def layout(self):
        basic_layout(self, src_folder=".")

    def requirements(self):
        # Ranges, not pins: any release with the API the headers use, so tabula does not conflict
        # with another package of a larger graph pinning a different patch release. Conan Center
        # itself still accepts ranges only for a listed few (openssl, zlib, ...: its
        # docs/adding_packages/dependencies.md), none of these; a recipe submitted there would pin
        # versions the index holds.
        # Boost: only Hana's public headers; 1.81 is the oldest tested (Debian 12).
        self.requires("boost/[>=1.81 <2]")
        self.requires("nlohmann_json/[>=3.11 <4]")
        # 3.37: sqlite3_changes64. Older libraries work through fallbacks in the backend, but
        # this is the oldest with everything the headers use.
        self.requires("sqlite3/[>=3.37 <4]")
        if self.options.with_postgresql:
            # 14: pipeline mode (the backend's api.hpp refuses older headers). libpq keeps its C
            # API across major versions; the upper bound only excludes majors not yet tried.
            self.requires("libpq/[>=14 <19]")
        if self.options.with_mysql:
            # MariaDB Connector/C, not Oracle's libmysqlclient: the backend uses
            # mariadb_get_infov and MYSQL_OPT_SSL_ENFORCE, which only Connector/C 3 has. It
            # speaks to MySQL servers too.
            self.requires("mariadb-connector-c/[>=3.1 <4]")

    def package_id(self):
        # Headers only: one package serves every compiler, architecture, build type and option.
        self.info.clear()

    def validate(self):
        # Settings, not self.info (cleared above): the consumer's profile decides.
        if self.settings.get_safe("compiler.cppstd"):
            check_min_cppstd(self, 20)
        compiler = str(self.settings.compiler)
        if compiler == "msvc":
            raise ConanInvalidConfiguration(
                f"{self.ref} does not support MSVC: it reads field and type names from "
                "__PRETTY_FUNCTION__, which MSVC does not define; use GCC >= 12 or Clang >= 16")
        minimum = self._minimum_compilers.get(compiler)
        if minimum and Version(self.settings.compiler.version) < minimum:
            raise ConanInvalidConfiguration(
                f"{self.ref} needs {compiler} >= {minimum} (C++20; tested with GCC 12 and "
                f"Clang 16), not {self.settings.compiler.version}")
        if not minimum:
            self.output.warning(f"{self.ref} is tested with GCC and Clang only, not {compiler}")

    def build(self):
        # Header-only: nothing to build.
        pass

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"),
             os.path.join(self.package_folder, "include"))
        save(self, os.path.join(self.package_folder, _BUILD_MODULE), _BUILD_MODULE_TEXT)

    def package_info(self):
        # The names of tabula's own CMake package (see the module docstring).
        self.cpp_info.set_property("cmake_file_name", "tabula")
        # 0.x: a minor release may break the API, as tabulaConfigVersion.cmake says too.
        self.cpp_info.set_property("cmake_config_version_compat", "SameMinorVersion")
        # CMakeDeps' aggregate of every component. Not tabula::tabula, which is the core alone, as
        # in the installed config.
        self.cpp_info.set_property("cmake_target_name", "tabula::all")
        self.cpp_info.set_property("cmake_build_modules", [_BUILD_MODULE])
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []

        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "tabula::tabula")
        core.requires = ["boost::headers", "nlohmann_json::nlohmann_json"]
        core.bindirs = []
        core.libdirs = []

        backends = {"sqlite": "sqlite3::sqlite3"}
        if self.options.with_postgresql:
            backends["postgres"] = "libpq::libpq"
        if self.options.with_mysql:
            backends["mysql"] = "mariadb-connector-c::mariadb-connector-c"
        for name, client in backends.items():
            backend = self.cpp_info.components[name]
            backend.set_property("cmake_target_name", f"tabula::{name}")
            backend.requires = ["core", client]
            backend.bindirs = []
            backend.libdirs = []
