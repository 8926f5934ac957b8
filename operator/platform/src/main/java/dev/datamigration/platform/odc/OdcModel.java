package dev.datamigration.platform.odc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of the ODC Portfolio v2, Deployments v1 and User and Access Management v1 schemas the adapter uses,
 * with the OpenAPI field names. Unknown fields are ignored.
 */
final class OdcModel {

    private OdcModel() {
    }

    /** OIDC discovery document ({@code /identity/.well-known/openid-configuration}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Discovery(@JsonProperty("token_endpoint") String tokenEndpoint) {
    }

    /** OAuth 2.0 token response. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") Long expiresIn,
            @JsonProperty("token_type") String tokenType) {
    }

    /** Portfolio {@code EnvironmentListResponse}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record EnvironmentList(List<Stage> results) {
    }

    /** Portfolio {@code Environment} (a stage). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stage(String key, String name, String purpose, String status) {
    }

    /** Paging info shared by the list responses. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(Integer count, Integer limit, Integer offset, Integer nextPageOffset) {
    }

    /** Portfolio {@code DeployedAssetPagedListResponse}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeployedAssetPage(Page page, List<DeployedAsset> results) {
    }

    /** Portfolio {@code DeployedAsset}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeployedAsset(String type, String key, boolean isBuiltIn, List<Deployment> deployments) {

        List<Deployment> deploymentList() {
            return deployments == null ? List.of() : deployments;
        }
    }

    /** Portfolio {@code Deployment}: one stage where the asset runs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Deployment(String environmentKey, String name, Integer revision, String buildKey, String deploymentKey) {
    }

    /** Deployments {@code DeploymentOperationRequest} (no additional properties allowed). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeploymentOperationRequest(String operation, String assetKey, String buildKey, Integer revision,
            String environmentKey) {
    }

    /** Deployments {@code DeploymentOperationResponse}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeploymentOperation(String key, String status, String assetKey, String assetName, String operation,
            String buildKey) {
    }

    /** Deployments paged list of {@code DeploymentOperationResponse}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeploymentOperationPage(Page page, List<DeploymentOperation> results) {
    }

    /** Deployments {@code MessageDetailsV1TaskProgressMessage}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OperationMessage(String severity, String message) {
    }

    /** Deployments paged list of messages (its offsets are opaque strings, unused here). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OperationMessagePage(List<OperationMessage> results) {
    }

    /** Identity {@code UserProfileApiResponse}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserProfile(String key, String name, String email, String status, Boolean isActive, String photoUrl) {
    }

    /** Identity {@code UserProfileApiResponsePaginatedResponseApi}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserProfilePage(Page page, List<UserProfile> results) {
    }

    /** Identity {@code UserProfileCreateApiRequest}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserProfileCreate(String email, String name, Boolean isActive) {
    }

    /** Identity {@code UserProfileCreateResponse}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserProfileCreated(String key) {
    }

    /** Identity {@code UserProfileCreateApiRequestBulkApiRequest}. */
    record BulkCreateRequest(List<UserProfileCreate> records) {
    }

    /** Identity {@code BulkUserProfileOperationApiRecordBulkApiResponse}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BulkOperation(String key, String status, String errorCode, String errorMessage, List<BulkItem> operations) {
    }

    /** Identity {@code BulkUserProfileOperationApiRecordBulkApiOperation}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BulkItem(String status, String errorCode, String errorMessage, BulkRecord record) {
    }

    /** Identity {@code BulkUserProfileOperationApiRecord}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BulkRecord(String key, String email) {
    }
}
