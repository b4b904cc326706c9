package runtime

import (
	"time"
)

// Payload types shaped as genclient generates them from the Stripe, OpenAI
// and Kubernetes documents (a subset of each schema's properties), for the
// benchmarks in json_bench_test.go: each keeps unknown members, and its
// ...Plain twin is the same type without the map, as
// loader.Options.DropUnknown generates it, for encoding/json.
type (
	stripeList struct {
		Object  string         `json:"object"`
		Data    []stripeCharge `json:"data"`
		HasMore bool           `json:"has_more"`
		URL     string         `json:"url"`
		Unknown Unknown        `json:"-" genclient:"unknown"`
	}
	stripeCharge struct {
		ID                   string                  `json:"id"`
		Object               string                  `json:"object"`
		Amount               int64                   `json:"amount"`
		AmountCaptured       int64                   `json:"amount_captured"`
		AmountRefunded       int64                   `json:"amount_refunded"`
		BalanceTransaction   Nullable[string]        `json:"balance_transaction"`
		BillingDetails       stripeBilling           `json:"billing_details"`
		Captured             bool                    `json:"captured"`
		Created              int64                   `json:"created"`
		Currency             string                  `json:"currency"`
		Customer             Nullable[string]        `json:"customer"`
		Description          Nullable[string]        `json:"description"`
		Disputed             bool                    `json:"disputed"`
		FailureCode          Nullable[string]        `json:"failure_code"`
		Livemode             bool                    `json:"livemode"`
		Metadata             map[string]string       `json:"metadata"`
		Outcome              Nullable[stripeOutcome] `json:"outcome"`
		Paid                 bool                    `json:"paid"`
		PaymentIntent        Nullable[string]        `json:"payment_intent"`
		PaymentMethod        Nullable[string]        `json:"payment_method"`
		PaymentMethodDetails Opt[stripePMDetails]    `json:"payment_method_details,omitzero"`
		ReceiptURL           Nullable[string]        `json:"receipt_url"`
		Refunded             bool                    `json:"refunded"`
		Status               string                  `json:"status"`
		Unknown              Unknown                 `json:"-" genclient:"unknown"`
	}
	stripeBilling struct {
		Address Nullable[stripeAddress] `json:"address"`
		Email   Nullable[string]        `json:"email"`
		Name    Nullable[string]        `json:"name"`
		Phone   Nullable[string]        `json:"phone"`
		Unknown Unknown                 `json:"-" genclient:"unknown"`
	}
	stripeAddress struct {
		City       Nullable[string] `json:"city"`
		Country    Nullable[string] `json:"country"`
		Line1      Nullable[string] `json:"line1"`
		Line2      Nullable[string] `json:"line2"`
		PostalCode Nullable[string] `json:"postal_code"`
		State      Nullable[string] `json:"state"`
		Unknown    Unknown          `json:"-" genclient:"unknown"`
	}
	stripeOutcome struct {
		NetworkStatus Nullable[string] `json:"network_status"`
		Reason        Nullable[string] `json:"reason"`
		RiskLevel     Opt[string]      `json:"risk_level,omitzero"`
		RiskScore     Opt[int]         `json:"risk_score,omitzero"`
		SellerMessage Nullable[string] `json:"seller_message"`
		Type          string           `json:"type"`
		Unknown       Unknown          `json:"-" genclient:"unknown"`
	}
	stripePMDetails struct {
		Card    Opt[stripeCard] `json:"card,omitzero"`
		Type    string          `json:"type"`
		Unknown Unknown         `json:"-" genclient:"unknown"`
	}
	stripeCard struct {
		Brand       Nullable[string] `json:"brand"`
		Country     Nullable[string] `json:"country"`
		ExpMonth    int              `json:"exp_month"`
		ExpYear     int              `json:"exp_year"`
		Fingerprint Nullable[string] `json:"fingerprint"`
		Funding     Nullable[string] `json:"funding"`
		Last4       Nullable[string] `json:"last4"`
		Network     Nullable[string] `json:"network"`
		Unknown     Unknown          `json:"-" genclient:"unknown"`
	}

	oaiCompletion struct {
		ID                string           `json:"id"`
		Object            string           `json:"object"`
		Created           int64            `json:"created"`
		Model             string           `json:"model"`
		Choices           []oaiChoice      `json:"choices"`
		Usage             Opt[oaiUsage]    `json:"usage,omitzero"`
		SystemFingerprint Opt[string]      `json:"system_fingerprint,omitzero"`
		ServiceTier       Nullable[string] `json:"service_tier,omitzero"`
		Unknown           Unknown          `json:"-" genclient:"unknown"`
	}
	oaiChoice struct {
		Index        int                   `json:"index"`
		Message      oaiMessage            `json:"message"`
		FinishReason string                `json:"finish_reason"`
		Logprobs     Nullable[oaiLogprobs] `json:"logprobs"`
		Unknown      Unknown               `json:"-" genclient:"unknown"`
	}
	oaiLogprobs struct {
		Content []oaiTokenLogprob `json:"content"`
		Unknown Unknown           `json:"-" genclient:"unknown"`
	}
	oaiTokenLogprob struct {
		Token   string  `json:"token"`
		Logprob float64 `json:"logprob"`
		Unknown Unknown `json:"-" genclient:"unknown"`
	}
	oaiMessage struct {
		Role      string           `json:"role"`
		Content   Nullable[string] `json:"content"`
		Refusal   Nullable[string] `json:"refusal,omitzero"`
		ToolCalls []oaiToolCall    `json:"tool_calls,omitzero"`
		Unknown   Unknown          `json:"-" genclient:"unknown"`
	}
	oaiToolCall struct {
		ID       string          `json:"id"`
		Type     string          `json:"type"`
		Function oaiFunctionCall `json:"function"`
		Unknown  Unknown         `json:"-" genclient:"unknown"`
	}
	oaiFunctionCall struct {
		Name      string  `json:"name"`
		Arguments string  `json:"arguments"`
		Unknown   Unknown `json:"-" genclient:"unknown"`
	}
	oaiUsage struct {
		PromptTokens        int                  `json:"prompt_tokens"`
		CompletionTokens    int                  `json:"completion_tokens"`
		TotalTokens         int                  `json:"total_tokens"`
		PromptTokensDetails Opt[oaiTokenDetails] `json:"prompt_tokens_details,omitzero"`
		Unknown             Unknown              `json:"-" genclient:"unknown"`
	}
	oaiTokenDetails struct {
		CachedTokens Opt[int] `json:"cached_tokens,omitzero"`
		AudioTokens  Opt[int] `json:"audio_tokens,omitzero"`
		Unknown      Unknown  `json:"-" genclient:"unknown"`
	}
	oaiChunk struct {
		ID                string           `json:"id"`
		Object            string           `json:"object"`
		Created           int64            `json:"created"`
		Model             string           `json:"model"`
		SystemFingerprint Opt[string]      `json:"system_fingerprint,omitzero"`
		Choices           []oaiChunkChoice `json:"choices"`
		Unknown           Unknown          `json:"-" genclient:"unknown"`
	}
	oaiChunkChoice struct {
		Index        int                   `json:"index"`
		Delta        oaiDelta              `json:"delta"`
		FinishReason Nullable[string]      `json:"finish_reason"`
		Logprobs     Nullable[oaiLogprobs] `json:"logprobs,omitzero"`
		Unknown      Unknown               `json:"-" genclient:"unknown"`
	}
	oaiDelta struct {
		Role      Opt[string]        `json:"role,omitzero"`
		Content   Nullable[string]   `json:"content,omitzero"`
		ToolCalls []oaiChunkToolCall `json:"tool_calls,omitzero"`
		Unknown   Unknown            `json:"-" genclient:"unknown"`
	}
	oaiChunkToolCall struct {
		Index    int                   `json:"index"`
		ID       Opt[string]           `json:"id,omitzero"`
		Type     Opt[string]           `json:"type,omitzero"`
		Function Opt[oaiChunkFunction] `json:"function,omitzero"`
		Unknown  Unknown               `json:"-" genclient:"unknown"`
	}
	oaiChunkFunction struct {
		Name      Opt[string] `json:"name,omitzero"`
		Arguments Opt[string] `json:"arguments,omitzero"`
		Unknown   Unknown     `json:"-" genclient:"unknown"`
	}

	k8sPodList struct {
		APIVersion string      `json:"apiVersion"`
		Kind       string      `json:"kind"`
		Metadata   k8sListMeta `json:"metadata"`
		Items      []k8sPod    `json:"items"`
		Unknown    Unknown     `json:"-" genclient:"unknown"`
	}
	k8sListMeta struct {
		ResourceVersion Opt[string] `json:"resourceVersion,omitzero"`
		Continue        Opt[string] `json:"continue,omitzero"`
		Unknown         Unknown     `json:"-" genclient:"unknown"`
	}
	k8sPod struct {
		APIVersion Opt[string]       `json:"apiVersion,omitzero"`
		Kind       Opt[string]       `json:"kind,omitzero"`
		Metadata   k8sObjectMeta     `json:"metadata"`
		Spec       Opt[k8sPodSpec]   `json:"spec,omitzero"`
		Status     Opt[k8sPodStatus] `json:"status,omitzero"`
		Unknown    Unknown           `json:"-" genclient:"unknown"`
	}
	k8sObjectMeta struct {
		Name              Opt[string]       `json:"name,omitzero"`
		Namespace         Opt[string]       `json:"namespace,omitzero"`
		UID               Opt[string]       `json:"uid,omitzero"`
		ResourceVersion   Opt[string]       `json:"resourceVersion,omitzero"`
		CreationTimestamp Opt[time.Time]    `json:"creationTimestamp,omitzero"`
		Labels            map[string]string `json:"labels,omitzero"`
		Annotations       map[string]string `json:"annotations,omitzero"`
		OwnerReferences   []k8sOwnerRef     `json:"ownerReferences,omitzero"`
		Unknown           Unknown           `json:"-" genclient:"unknown"`
	}
	k8sOwnerRef struct {
		APIVersion         string    `json:"apiVersion"`
		Kind               string    `json:"kind"`
		Name               string    `json:"name"`
		UID                string    `json:"uid"`
		Controller         Opt[bool] `json:"controller,omitzero"`
		BlockOwnerDeletion Opt[bool] `json:"blockOwnerDeletion,omitzero"`
		Unknown            Unknown   `json:"-" genclient:"unknown"`
	}
	k8sPodSpec struct {
		Containers                    []k8sContainer `json:"containers"`
		RestartPolicy                 Opt[string]    `json:"restartPolicy,omitzero"`
		NodeName                      Opt[string]    `json:"nodeName,omitzero"`
		ServiceAccountName            Opt[string]    `json:"serviceAccountName,omitzero"`
		DNSPolicy                     Opt[string]    `json:"dnsPolicy,omitzero"`
		TerminationGracePeriodSeconds Opt[int64]     `json:"terminationGracePeriodSeconds,omitzero"`
		Unknown                       Unknown        `json:"-" genclient:"unknown"`
	}
	k8sContainer struct {
		Name            string            `json:"name"`
		Image           Opt[string]       `json:"image,omitzero"`
		Args            []string          `json:"args,omitzero"`
		Ports           []k8sPort         `json:"ports,omitzero"`
		Env             []k8sEnv          `json:"env,omitzero"`
		Resources       Opt[k8sResources] `json:"resources,omitzero"`
		ImagePullPolicy Opt[string]       `json:"imagePullPolicy,omitzero"`
		Unknown         Unknown           `json:"-" genclient:"unknown"`
	}
	k8sPort struct {
		ContainerPort int32       `json:"containerPort"`
		Protocol      Opt[string] `json:"protocol,omitzero"`
		Name          Opt[string] `json:"name,omitzero"`
		Unknown       Unknown     `json:"-" genclient:"unknown"`
	}
	k8sEnv struct {
		Name    string      `json:"name"`
		Value   Opt[string] `json:"value,omitzero"`
		Unknown Unknown     `json:"-" genclient:"unknown"`
	}
	k8sResources struct {
		Limits   map[string]string `json:"limits,omitzero"`
		Requests map[string]string `json:"requests,omitzero"`
		Unknown  Unknown           `json:"-" genclient:"unknown"`
	}
	k8sPodStatus struct {
		Phase             Opt[string]          `json:"phase,omitzero"`
		HostIP            Opt[string]          `json:"hostIP,omitzero"`
		PodIP             Opt[string]          `json:"podIP,omitzero"`
		StartTime         Opt[time.Time]       `json:"startTime,omitzero"`
		Conditions        []k8sCondition       `json:"conditions,omitzero"`
		ContainerStatuses []k8sContainerStatus `json:"containerStatuses,omitzero"`
		Unknown           Unknown              `json:"-" genclient:"unknown"`
	}
	k8sCondition struct {
		Type               string         `json:"type"`
		Status             string         `json:"status"`
		LastTransitionTime Opt[time.Time] `json:"lastTransitionTime,omitzero"`
		Unknown            Unknown        `json:"-" genclient:"unknown"`
	}
	k8sContainerStatus struct {
		Name         string      `json:"name"`
		Ready        bool        `json:"ready"`
		RestartCount int32       `json:"restartCount"`
		Image        string      `json:"image"`
		ImageID      string      `json:"imageID"`
		ContainerID  Opt[string] `json:"containerID,omitzero"`
		Started      Opt[bool]   `json:"started,omitzero"`
		Unknown      Unknown     `json:"-" genclient:"unknown"`
	}

	stripeListPlain struct {
		Object  string              `json:"object"`
		Data    []stripeChargePlain `json:"data"`
		HasMore bool                `json:"has_more"`
		URL     string              `json:"url"`
	}
	stripeChargePlain struct {
		ID                   string                       `json:"id"`
		Object               string                       `json:"object"`
		Amount               int64                        `json:"amount"`
		AmountCaptured       int64                        `json:"amount_captured"`
		AmountRefunded       int64                        `json:"amount_refunded"`
		BalanceTransaction   Nullable[string]             `json:"balance_transaction"`
		BillingDetails       stripeBillingPlain           `json:"billing_details"`
		Captured             bool                         `json:"captured"`
		Created              int64                        `json:"created"`
		Currency             string                       `json:"currency"`
		Customer             Nullable[string]             `json:"customer"`
		Description          Nullable[string]             `json:"description"`
		Disputed             bool                         `json:"disputed"`
		FailureCode          Nullable[string]             `json:"failure_code"`
		Livemode             bool                         `json:"livemode"`
		Metadata             map[string]string            `json:"metadata"`
		Outcome              Nullable[stripeOutcomePlain] `json:"outcome"`
		Paid                 bool                         `json:"paid"`
		PaymentIntent        Nullable[string]             `json:"payment_intent"`
		PaymentMethod        Nullable[string]             `json:"payment_method"`
		PaymentMethodDetails Opt[stripePMDetailsPlain]    `json:"payment_method_details,omitzero"`
		ReceiptURL           Nullable[string]             `json:"receipt_url"`
		Refunded             bool                         `json:"refunded"`
		Status               string                       `json:"status"`
	}
	stripeBillingPlain struct {
		Address Nullable[stripeAddressPlain] `json:"address"`
		Email   Nullable[string]             `json:"email"`
		Name    Nullable[string]             `json:"name"`
		Phone   Nullable[string]             `json:"phone"`
	}
	stripeAddressPlain struct {
		City       Nullable[string] `json:"city"`
		Country    Nullable[string] `json:"country"`
		Line1      Nullable[string] `json:"line1"`
		Line2      Nullable[string] `json:"line2"`
		PostalCode Nullable[string] `json:"postal_code"`
		State      Nullable[string] `json:"state"`
	}
	stripeOutcomePlain struct {
		NetworkStatus Nullable[string] `json:"network_status"`
		Reason        Nullable[string] `json:"reason"`
		RiskLevel     Opt[string]      `json:"risk_level,omitzero"`
		RiskScore     Opt[int]         `json:"risk_score,omitzero"`
		SellerMessage Nullable[string] `json:"seller_message"`
		Type          string           `json:"type"`
	}
	stripePMDetailsPlain struct {
		Card Opt[stripeCardPlain] `json:"card,omitzero"`
		Type string               `json:"type"`
	}
	stripeCardPlain struct {
		Brand       Nullable[string] `json:"brand"`
		Country     Nullable[string] `json:"country"`
		ExpMonth    int              `json:"exp_month"`
		ExpYear     int              `json:"exp_year"`
		Fingerprint Nullable[string] `json:"fingerprint"`
		Funding     Nullable[string] `json:"funding"`
		Last4       Nullable[string] `json:"last4"`
		Network     Nullable[string] `json:"network"`
	}

	oaiCompletionPlain struct {
		ID                string             `json:"id"`
		Object            string             `json:"object"`
		Created           int64              `json:"created"`
		Model             string             `json:"model"`
		Choices           []oaiChoicePlain   `json:"choices"`
		Usage             Opt[oaiUsagePlain] `json:"usage,omitzero"`
		SystemFingerprint Opt[string]        `json:"system_fingerprint,omitzero"`
		ServiceTier       Nullable[string]   `json:"service_tier,omitzero"`
	}
	oaiChoicePlain struct {
		Index        int                        `json:"index"`
		Message      oaiMessagePlain            `json:"message"`
		FinishReason string                     `json:"finish_reason"`
		Logprobs     Nullable[oaiLogprobsPlain] `json:"logprobs"`
	}
	oaiLogprobsPlain struct {
		Content []oaiTokenLogprobPlain `json:"content"`
	}
	oaiTokenLogprobPlain struct {
		Token   string  `json:"token"`
		Logprob float64 `json:"logprob"`
	}
	oaiMessagePlain struct {
		Role      string             `json:"role"`
		Content   Nullable[string]   `json:"content"`
		Refusal   Nullable[string]   `json:"refusal,omitzero"`
		ToolCalls []oaiToolCallPlain `json:"tool_calls,omitzero"`
	}
	oaiToolCallPlain struct {
		ID       string               `json:"id"`
		Type     string               `json:"type"`
		Function oaiFunctionCallPlain `json:"function"`
	}
	oaiFunctionCallPlain struct {
		Name      string `json:"name"`
		Arguments string `json:"arguments"`
	}
	oaiUsagePlain struct {
		PromptTokens        int                       `json:"prompt_tokens"`
		CompletionTokens    int                       `json:"completion_tokens"`
		TotalTokens         int                       `json:"total_tokens"`
		PromptTokensDetails Opt[oaiTokenDetailsPlain] `json:"prompt_tokens_details,omitzero"`
	}
	oaiTokenDetailsPlain struct {
		CachedTokens Opt[int] `json:"cached_tokens,omitzero"`
		AudioTokens  Opt[int] `json:"audio_tokens,omitzero"`
	}
	oaiChunkPlain struct {
		ID                string                `json:"id"`
		Object            string                `json:"object"`
		Created           int64                 `json:"created"`
		Model             string                `json:"model"`
		SystemFingerprint Opt[string]           `json:"system_fingerprint,omitzero"`
		Choices           []oaiChunkChoicePlain `json:"choices"`
	}
	oaiChunkChoicePlain struct {
		Index        int                        `json:"index"`
		Delta        oaiDeltaPlain              `json:"delta"`
		FinishReason Nullable[string]           `json:"finish_reason"`
		Logprobs     Nullable[oaiLogprobsPlain] `json:"logprobs,omitzero"`
	}
	oaiDeltaPlain struct {
		Role      Opt[string]             `json:"role,omitzero"`
		Content   Nullable[string]        `json:"content,omitzero"`
		ToolCalls []oaiChunkToolCallPlain `json:"tool_calls,omitzero"`
	}
	oaiChunkToolCallPlain struct {
		Index    int                        `json:"index"`
		ID       Opt[string]                `json:"id,omitzero"`
		Type     Opt[string]                `json:"type,omitzero"`
		Function Opt[oaiChunkFunctionPlain] `json:"function,omitzero"`
	}
	oaiChunkFunctionPlain struct {
		Name      Opt[string] `json:"name,omitzero"`
		Arguments Opt[string] `json:"arguments,omitzero"`
	}

	k8sPodListPlain struct {
		APIVersion string           `json:"apiVersion"`
		Kind       string           `json:"kind"`
		Metadata   k8sListMetaPlain `json:"metadata"`
		Items      []k8sPodPlain    `json:"items"`
	}
	k8sListMetaPlain struct {
		ResourceVersion Opt[string] `json:"resourceVersion,omitzero"`
		Continue        Opt[string] `json:"continue,omitzero"`
	}
	k8sPodPlain struct {
		APIVersion Opt[string]            `json:"apiVersion,omitzero"`
		Kind       Opt[string]            `json:"kind,omitzero"`
		Metadata   k8sObjectMetaPlain     `json:"metadata"`
		Spec       Opt[k8sPodSpecPlain]   `json:"spec,omitzero"`
		Status     Opt[k8sPodStatusPlain] `json:"status,omitzero"`
	}
	k8sObjectMetaPlain struct {
		Name              Opt[string]        `json:"name,omitzero"`
		Namespace         Opt[string]        `json:"namespace,omitzero"`
		UID               Opt[string]        `json:"uid,omitzero"`
		ResourceVersion   Opt[string]        `json:"resourceVersion,omitzero"`
		CreationTimestamp Opt[time.Time]     `json:"creationTimestamp,omitzero"`
		Labels            map[string]string  `json:"labels,omitzero"`
		Annotations       map[string]string  `json:"annotations,omitzero"`
		OwnerReferences   []k8sOwnerRefPlain `json:"ownerReferences,omitzero"`
	}
	k8sOwnerRefPlain struct {
		APIVersion         string    `json:"apiVersion"`
		Kind               string    `json:"kind"`
		Name               string    `json:"name"`
		UID                string    `json:"uid"`
		Controller         Opt[bool] `json:"controller,omitzero"`
		BlockOwnerDeletion Opt[bool] `json:"blockOwnerDeletion,omitzero"`
	}
	k8sPodSpecPlain struct {
		Containers                    []k8sContainerPlain `json:"containers"`
		RestartPolicy                 Opt[string]         `json:"restartPolicy,omitzero"`
		NodeName                      Opt[string]         `json:"nodeName,omitzero"`
		ServiceAccountName            Opt[string]         `json:"serviceAccountName,omitzero"`
		DNSPolicy                     Opt[string]         `json:"dnsPolicy,omitzero"`
		TerminationGracePeriodSeconds Opt[int64]          `json:"terminationGracePeriodSeconds,omitzero"`
	}
	k8sContainerPlain struct {
		Name            string                 `json:"name"`
		Image           Opt[string]            `json:"image,omitzero"`
		Args            []string               `json:"args,omitzero"`
		Ports           []k8sPortPlain         `json:"ports,omitzero"`
		Env             []k8sEnvPlain          `json:"env,omitzero"`
		Resources       Opt[k8sResourcesPlain] `json:"resources,omitzero"`
		ImagePullPolicy Opt[string]            `json:"imagePullPolicy,omitzero"`
	}
	k8sPortPlain struct {
		ContainerPort int32       `json:"containerPort"`
		Protocol      Opt[string] `json:"protocol,omitzero"`
		Name          Opt[string] `json:"name,omitzero"`
	}
	k8sEnvPlain struct {
		Name  string      `json:"name"`
		Value Opt[string] `json:"value,omitzero"`
	}
	k8sResourcesPlain struct {
		Limits   map[string]string `json:"limits,omitzero"`
		Requests map[string]string `json:"requests,omitzero"`
	}
	k8sPodStatusPlain struct {
		Phase             Opt[string]               `json:"phase,omitzero"`
		HostIP            Opt[string]               `json:"hostIP,omitzero"`
		PodIP             Opt[string]               `json:"podIP,omitzero"`
		StartTime         Opt[time.Time]            `json:"startTime,omitzero"`
		Conditions        []k8sConditionPlain       `json:"conditions,omitzero"`
		ContainerStatuses []k8sContainerStatusPlain `json:"containerStatuses,omitzero"`
	}
	k8sConditionPlain struct {
		Type               string         `json:"type"`
		Status             string         `json:"status"`
		LastTransitionTime Opt[time.Time] `json:"lastTransitionTime,omitzero"`
	}
	k8sContainerStatusPlain struct {
		Name         string      `json:"name"`
		Ready        bool        `json:"ready"`
		RestartCount int32       `json:"restartCount"`
		Image        string      `json:"image"`
		ImageID      string      `json:"imageID"`
		ContainerID  Opt[string] `json:"containerID,omitzero"`
		Started      Opt[bool]   `json:"started,omitzero"`
	}
)
