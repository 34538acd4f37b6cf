import LTSetupCore
import Testing

@Suite struct InstalledPackagesTests {
    @Test func onlyInstalledPackagesCountWithTheirVersions() {
        let status = """
        Package: nginx
        Status: install ok installed
        Priority: optional
        Version: 1.22.1-9+deb12u1
        Description: small, powerful, scalable web/proxy server
         nginx ("engine X") is a high-performance web and reverse proxy server.
         Package: not-a-field
        
        Package: apache2
        Status: deinstall ok config-files
        Version: 2.4.62-1
        
        Package: certbot
        Version: 2.1.0-4
        Status: install ok installed
        
        Package: tëst
        Status: install ok unpacked
        Version: 1
        
        Package: python3-certbot-nginx
        Status: install ok installed
        """
        let packages = InstalledPackages(dpkgStatus: status)
        #expect(packages.versions == ["nginx": "1.22.1-9+deb12u1", "certbot": "2.1.0-4", "python3-certbot-nginx": ""])
        #expect(!packages.isInstalled("apache2"))
        #expect(InstalledPackages(dpkgStatus: "").versions.isEmpty)
    }
}
