"""Stand-ins for Conan Center's boost, nlohmann_json, sqlite3, libpq and mariadb-connector-c that
point at Debian 12's installed files (scripts/install-deps), with the CMake names of the real
recipes. For checking tabula's recipe on a machine that cannot reach Conan Center:
`scripts/conan-check --debian` creates them, one package per name:

    conan create scripts/conan-debian --name=sqlite3 --version=3.40.1

[platform_requires] cannot stand in for them: CMakeDeps then generates nothing for the
dependency, and tabula's components, which name boost::headers and the others, fail to generate.
"""

from conan import ConanFile

# Debian 12 on amd64, the development machine; another architecture needs its multiarch directory.
_LIBDIR = "/usr/lib/x86_64-linux-gnu"

# name: (CMake file name, CMake target, include directory, libraries)
_PACKAGES = {
    "boost": ("Boost", "Boost::headers", "/usr/include", []),
    "nlohmann_json": ("nlohmann_json", "nlohmann_json::nlohmann_json", "/usr/include", []),
    "sqlite3": ("SQLite3", "SQLite::SQLite3", "/usr/include", ["sqlite3"]),
    "libpq": ("PostgreSQL", "PostgreSQL::PostgreSQL", "/usr/include/postgresql", ["pq"]),
    "mariadb-connector-c": ("mariadb-connector-c", "mariadb-connector-c::mariadb-connector-c",
                            "/usr/include/mariadb", ["mariadb"]),
}


class DebianStandIn(ConanFile):
    settings = "os", "arch"
    # boost/*:header_only, which tabula's recipe sets; printed so a check can see it arrive.
    options = {"header_only": [True, False]}
    default_options = {"header_only": False}

    def configure(self):
        if self.name not in _PACKAGES:
            raise ValueError(f"no Debian stand-in for '{self.name}'; known: {', '.join(_PACKAGES)}")
        if self.name != "boost":
            del self.options.header_only

    def package_id(self):
        # The files are Debian's, outside the package: one package whatever the settings.
        self.info.clear()

    def package_info(self):
        file_name, target, include_dir, libs = _PACKAGES[self.name]
        self.cpp_info.set_property("cmake_file_name", file_name)
        self.cpp_info.bindirs = []
        if self.name == "boost":
            self.output.info(f"header_only={self.options.header_only}")
            # Conan Center's boost: the headers are the component boost::headers.
            self.cpp_info.set_property("cmake_target_name", "Boost::boost")
            self.cpp_info.libdirs = []
            headers = self.cpp_info.components["headers"]
            headers.set_property("cmake_target_name", target)
            headers.includedirs = [include_dir]
            headers.libdirs = []
            headers.bindirs = []
            return
        self.cpp_info.set_property("cmake_target_name", target)
        self.cpp_info.includedirs = [include_dir]
        self.cpp_info.libdirs = [_LIBDIR] if libs else []
        self.cpp_info.libs = libs
